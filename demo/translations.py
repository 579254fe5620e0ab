"""Demo translations: the region's home, ten interventions and three news
items in English, Arabic and Somali (demo.seed_translations loads them).
The Somali translation of "SFI kurs A–D på dagtid" is left outdated on
purpose: its Swedish source changes after it was translated (OUTDATED)."""

REGION = {
    "en": {
        "title": "Establishment Södertörn",
        "description": "Cooperation between the municipalities of Södertörn and the Swedish Public Employment Service on the establishment of newly arrived people.",
    },
    "ar": {
        "title": "التأسيس في سودرتورن",
        "description": "تعاون بين بلديات سودرتورن ومصلحة التوظيف السويدية من أجل تأسيس القادمين الجدد.",
    },
    "so": {
        "title": "Dejinta Södertörn",
        "description": "Iskaashi u dhexeeya degmooyinka Södertörn iyo Xafiiska Shaqada ee Iswiidhan oo ku saabsan dejinta dadka cusub ee yimid.",
    },
}

FREE = {
    "en": "Free of charge for the participant",
    "ar": "مجاني للمشارك",
    "so": "Bilaash ayay u tahay ka qaybgalaha",
}

INTERVENTIONS = {
    "demo-botkyrka-1": {
        "en": {
            "title": "SFI courses A–D in the daytime",
            "summary": "Swedish for immigrants at every level, in the daytime in Tumba. You study at your own pace on study path 1, 2 or 3.",
            "description": "<p>SFI in the daytime with teacher-led lessons in the morning and afternoon. We have groups for people who have not been to school before and for people with a university education.</p><p>Study and career counsellors are on site every day.</p>",
            "eligibility": "Registered as living in Botkyrka or Salem, aged 16 or over, without basic Swedish.",
            "how_to_apply": "Apply through Botkyrka adult education's e-service or visit the office. Bring your ID.",
            "schedule_note": "New participants start every other week.",
            "cost_description": FREE["en"],
        },
        "ar": {
            "title": "دورات SFI من A إلى D في النهار",
            "summary": "اللغة السويدية للمهاجرين بجميع المستويات، نهارًا في تومبا. تدرس بالسرعة التي تناسبك في المسار الدراسي 1 أو 2 أو 3.",
            "description": "<p>دروس SFI نهارية يقدّمها معلمون صباحًا وبعد الظهر. لدينا مجموعات لمن لم يذهب إلى المدرسة من قبل ولمن لديه تعليم جامعي.</p><p>يتوفر مرشدون للدراسة والمهنة في المكان كل يوم.</p>",
            "eligibility": "مسجّل في سجل السكان في بوتشيركا أو سالم، عمره 16 سنة أو أكثر، ولا يملك معرفة أساسية باللغة السويدية.",
            "how_to_apply": "قدّم طلبك عبر الخدمة الإلكترونية لتعليم الكبار في بوتشيركا أو زر مكتب الاستقبال. أحضر وثيقة هوية.",
            "schedule_note": "يبدأ مشاركون جدد كل أسبوعين.",
            "cost_description": FREE["ar"],
        },
        "so": {
            "title": "Koorsooyinka SFI A–D ee maalintii",
            "summary": "Luqadda iswiidhishka ee soogalootiga heer kasta, maalintii magaalada Tumba. Waxaad wax ku baranaysaa xawaarahaaga, waddada waxbarasho 1, 2 ama 3.",
            "description": "<p>SFI maalintii oo macallin dhigo subaxdii iyo galabtii. Waxaan leenahay kooxo loogu talagalay dadka aan hore dugsi u dhigan iyo dadka haysta waxbarasho jaamacadeed.</p><p>La-taliyeyaal waxbarasho iyo shaqo ayaa goobta joogo maalin kasta.</p>",
            "eligibility": "Ka diiwaangashan Botkyrka ama Salem, 16 jir ama ka weyn, oo aan lahayn aqoon aasaasi ah oo iswiidhish ah.",
            "how_to_apply": "Ku codso adeegga elektarooniga ah ee waxbarashada dadka waaweyn ee Botkyrka ama booqo xafiiska. Keen aqoonsigaaga.",
            "schedule_note": "Ka qaybgalayaal cusub ayaa bilaaba labadii toddobaadba mar.",
            "cost_description": FREE["so"],
        },
    },
    "demo-botkyrka-4": {
        "en": {
            "title": "Civic orientation in Arabic, Somali and Tigrinya",
            "summary": "100 hours of civic orientation in your mother tongue about living, working and getting by in Sweden.",
            "description": "<p>The course covers coming to Sweden, living in Sweden, supporting yourself and developing, the rights and duties of the individual, starting a family and living with children, having a say, health, and growing old.</p><p>Civic communicators lead the course in your language.</p>",
            "eligibility": "Newly arrived people with a residence permit who have been registered in the municipality for at most three years.",
            "how_to_apply": "If you are in the establishment programme, the Public Employment Service refers you. Others call or e-mail us.",
            "schedule_note": "A new group starts every month except July.",
            "cost_description": FREE["en"],
        },
        "ar": {
            "title": "التوجيه المجتمعي بالعربية والصومالية والتغرينية",
            "summary": "100 ساعة من التوجيه المجتمعي بلغتك الأم عن السكن والعمل والحياة في السويد.",
            "description": "<p>تتناول الدورة القدوم إلى السويد، والسكن في السويد، وإعالة النفس والتطور، وحقوق الفرد وواجباته، وتكوين الأسرة والعيش مع الأطفال، والتأثير في المجتمع، والصحة، والتقدم في السن.</p><p>يقود الدورة مرشدون مجتمعيون بلغتك.</p>",
            "eligibility": "القادمون الجدد الحاصلون على تصريح إقامة والمسجلون في البلدية منذ ثلاث سنوات على الأكثر.",
            "how_to_apply": "إذا كنت في برنامج التأسيس فإن مصلحة التوظيف تحيلك إلى الدورة. أما الآخرون فيتصلون بنا هاتفيًا أو بالبريد الإلكتروني.",
            "schedule_note": "تبدأ مجموعة جديدة كل شهر ما عدا شهر يوليو.",
            "cost_description": FREE["ar"],
        },
        "so": {
            "title": "Hanuuninta bulshada oo af Carabi, af Soomaali iyo Tigrinya ah",
            "summary": "100 saacadood oo hanuunin bulsho ah oo ku baxda afkaaga hooyo, kuna saabsan sida loo deganaado, loo shaqeeyo oo loogu noolaado Iswiidhan.",
            "description": "<p>Koorsadu waxay ka hadlaysaa imaanshaha Iswiidhan, ku noolaanshaha Iswiidhan, is-masruufidda iyo horumarka, xuquuqda iyo waajibaadka qofka, samaynta qoys iyo ku noolaanshaha carruur, saamaynta bulshada, caafimaadka iyo gabowga.</p><p>Isgaarsiiyeyaal bulsho ayaa koorsada ku hogaamiya afkaaga.</p>",
            "eligibility": "Dadka cusub ee haysta sharciga degganaanshaha oo degmada ka diiwaangashan ugu badnaan saddex sano.",
            "how_to_apply": "Haddii aad ku jirto barnaamijka dejinta, Xafiiska Shaqada ayaa kuu gudbiya. Kuwa kale ha na soo wacaan ama ha noo soo qoraan iimayl.",
            "schedule_note": "Koox cusub ayaa bilaabata bil kasta marka laga reebo Luulyo.",
            "cost_description": FREE["so"],
        },
    },
    "demo-botkyrka-5": {
        "en": {
            "title": "Health communicators in Alby and Fittja",
            "summary": "Health communicators tell you in your language about health care, mental health, food and exercise.",
            "description": "<p>Group meetings about how health care works, 1177, dental care, stress and sleep. The health communicators are also at the meeting places for individual questions.</p>",
            "eligibility": "Everyone newly arrived in Botkyrka.",
            "how_to_apply": "No need to sign up, just come to a meeting.",
            "cost_description": FREE["en"],
        },
        "ar": {
            "title": "مرشدو الصحة في ألبي وفيتيا",
            "summary": "يحدّثك مرشدو الصحة بلغتك عن الرعاية الصحية والصحة النفسية والتغذية والرياضة.",
            "description": "<p>لقاءات جماعية عن كيفية عمل الرعاية الصحية، وخدمة 1177، وطب الأسنان، والتوتر، والنوم. يتواجد مرشدو الصحة أيضًا في أماكن اللقاء للإجابة عن الأسئلة الفردية.</p>",
            "eligibility": "جميع القادمين الجدد في بوتشيركا.",
            "how_to_apply": "لا حاجة إلى التسجيل، تعال إلى أحد اللقاءات.",
            "cost_description": FREE["ar"],
        },
        "so": {
            "title": "Isgaarsiiyeyaasha caafimaadka ee Alby iyo Fittja",
            "summary": "Isgaarsiiyeyaasha caafimaadka ayaa afkaaga kuugu sharraxa daryeelka caafimaadka, caafimaadka maskaxda, cuntada iyo jimicsiga.",
            "description": "<p>Kulamo kooxeed oo ku saabsan sida daryeelka caafimaadku u shaqeeyo, 1177, daryeelka ilkaha, walaaca iyo hurdada. Isgaarsiiyeyaasha caafimaadka ayaa sidoo kale jooga goobaha kulanka si ay uga jawaabaan su'aalaha gaarka ah.</p>",
            "eligibility": "Dhammaan dadka cusub ee yimid Botkyrka.",
            "how_to_apply": "Looma baahna is-diiwaangelin, kaliya kaalay kulan.",
            "cost_description": FREE["so"],
        },
    },
    "demo-botkyrka-6": {
        "en": {
            "title": "Homework help at Hallunda library",
            "summary": "Free homework help for pupils in compulsory school and upper secondary school, Monday to Thursday afternoons.",
        },
        "ar": {
            "title": "مساعدة في الواجبات المدرسية في مكتبة هالوندا",
            "summary": "مساعدة مجانية في الواجبات المدرسية لتلاميذ المدرسة الأساسية والثانوية، من الاثنين إلى الخميس بعد الظهر.",
        },
        "so": {
            "title": "Caawinta casharrada guriga ee maktabadda Hallunda",
            "summary": "Caawin bilaash ah oo casharrada guriga ah oo loogu talagalay ardayda dugsiga hoose iyo dugsiga sare, Isniinta ilaa Khamiista galabtii.",
        },
    },
    "demo-haninge-1": {
        "en": {
            "title": "Civic orientation in Dari and Arabic",
            "summary": "Civic orientation in Dari and Arabic in Handen for newly arrived people in Haninge, Nynäshamn and Tyresö.",
            "description": "<p>The course is 100 hours long and ends with a certificate. Study visits to places such as a health centre, a library and the town hall are included.</p>",
            "eligibility": "Newly arrived people with a residence permit, registered in Haninge, Nynäshamn or Tyresö.",
            "how_to_apply": "Sign up by e-mail or through your officer at the Public Employment Service.",
            "schedule_note": "A course starts every sixth week.",
            "cost_description": FREE["en"],
        },
        "ar": {
            "title": "التوجيه المجتمعي بالدارية والعربية",
            "summary": "توجيه مجتمعي بالدارية والعربية في هاندن للقادمين الجدد في هانينغه ونينيسهامن وتيريسو.",
            "description": "<p>تستغرق الدورة 100 ساعة وتنتهي بشهادة. تشمل زيارات دراسية إلى أماكن منها مركز صحي ومكتبة ومبنى البلدية.</p>",
            "eligibility": "القادمون الجدد الحاصلون على تصريح إقامة والمسجلون في هانينغه أو نينيسهامن أو تيريسو.",
            "how_to_apply": "التسجيل عبر البريد الإلكتروني أو عن طريق موظفك المسؤول في مصلحة التوظيف.",
            "schedule_note": "تبدأ دورة جديدة كل ستة أسابيع.",
            "cost_description": FREE["ar"],
        },
        "so": {
            "title": "Hanuuninta bulshada oo af Dari iyo af Carabi ah",
            "summary": "Hanuunin bulsho oo af Dari iyo af Carabi ah oo ka dhacda Handen, loogu talagalay dadka cusub ee Haninge, Nynäshamn iyo Tyresö.",
            "description": "<p>Koorsadu waa 100 saacadood waxayna ku dhammaataa shahaado. Waxaa ku jira booqashooyin waxbarasho oo lagu tago xarun caafimaad, maktabad iyo xarunta degmada.</p>",
            "eligibility": "Dadka cusub ee haysta sharciga degganaanshaha, kana diiwaangashan Haninge, Nynäshamn ama Tyresö.",
            "how_to_apply": "Isku diiwaangeli iimayl ahaan ama adoo maraya sarkaalkaaga Xafiiska Shaqada.",
            "schedule_note": "Koorso cusub ayaa bilaabata lixdii toddobaadba mar.",
            "cost_description": FREE["so"],
        },
    },
    "demo-haninge-2": {
        "en": {
            "title": "Job track in health and social care",
            "summary": "A fast track to a job in elderly care: Swedish for work, a shorter training and a work placement that can lead to employment.",
            "description": "<p>The job track is designed together with the Public Employment Service and employers in the municipality. After 16 weeks you have the basics for working as a care assistant and a work placement that can lead to a job.</p>",
            "eligibility": "Registered with the Public Employment Service, at least SFI course C.",
            "how_to_apply": "Talk to your employment officer, who refers you to the job track.",
            "schedule_note": "Two starts a year, in February and September.",
            "cost_description": FREE["en"],
        },
        "ar": {
            "title": "المسار الوظيفي في الرعاية الصحية والاجتماعية",
            "summary": "طريق سريع إلى العمل في رعاية المسنين: لغة سويدية مهنية، وتدريب قصير، وتدريب عملي قد يؤدي إلى التوظيف.",
            "description": "<p>يُعدّ المسار الوظيفي بالتعاون مع مصلحة التوظيف وأصحاب العمل في البلدية. بعد 16 أسبوعًا تكون لديك المعارف الأساسية للعمل مساعدًا في الرعاية، ومكان تدريب عملي قد يؤدي إلى وظيفة.</p>",
            "eligibility": "مسجّل في مصلحة التوظيف، ومستواك دورة SFI C على الأقل.",
            "how_to_apply": "تحدّث مع موظفك في مصلحة التوظيف الذي يحيلك إلى المسار الوظيفي.",
            "schedule_note": "بدايتان في السنة، في فبراير وسبتمبر.",
            "cost_description": FREE["ar"],
        },
        "so": {
            "title": "Waddada shaqada ee daryeelka caafimaadka iyo bulshada",
            "summary": "Waddo degdeg ah oo shaqo looga helo daryeelka waayeelka: iswiidhish shaqo, tababar gaaban iyo tababar shaqo oo horseedi kara shaqaalaysiin.",
            "description": "<p>Waddada shaqada waxaa la diyaariyaa iyadoo lala kaashanayo Xafiiska Shaqada iyo loo-shaqeeyayaasha degmada. Kadib 16 toddobaad waxaad yeelanaysaa aqoonta aasaasiga ah ee shaqada kaaliye daryeel iyo meel tababar shaqo oo horseedi karta shaqo.</p>",
            "eligibility": "Ka diiwaangashan Xafiiska Shaqada, ugu yaraan koorsada SFI C.",
            "how_to_apply": "La hadal sarkaalkaaga shaqada oo kuu gudbinaya waddada shaqada.",
            "schedule_note": "Laba bilow sannadkii, Febraayo iyo Sebtembar.",
            "cost_description": FREE["so"],
        },
    },
    "demo-haninge-4": {
        "en": {
            "title": "SFI with childcare",
            "summary": "SFI in the mornings for parents of small children. The children are in a preschool group in the same building during the lessons.",
            "description": "<p>For you who are on parental leave or have no preschool place. The lessons are adapted to the children's rhythm.</p>",
            "eligibility": "Parents of children aged 1–5, registered in Haninge.",
        },
        "ar": {
            "title": "دروس SFI مع رعاية الأطفال",
            "summary": "دروس SFI صباحية لآباء وأمهات الأطفال الصغار. يبقى الأطفال في مجموعة روضة في المبنى نفسه أثناء الدروس.",
            "description": "<p>لمن هم في إجازة والدية أو ليس لديهم مكان في الروضة. تُكيَّف الدروس وفق إيقاع الأطفال.</p>",
            "eligibility": "آباء وأمهات لأطفال بين سنة وخمس سنوات، مسجّلون في هانينغه.",
        },
        "so": {
            "title": "SFI oo leh daryeel carruureed",
            "summary": "SFI subaxdii oo loogu talagalay waalidiinta leh carruur yaryar. Carruurtu waxay ku jiraan koox xanaano oo isla dhismaha ah inta casharradu socdaan.",
            "description": "<p>Waxaa loogu talagalay adiga oo fasax waalid ku jira ama aan haysan boos xanaano. Casharrada waxaa loo waafajiyaa nidaamka carruurta.</p>",
            "eligibility": "Waalidiinta leh carruur 1–5 jir ah, kana diiwaangashan Haninge.",
        },
    },
    "demo-haninge-5": {
        "en": {
            "title": "Cycling course for women",
            "summary": "Learn to ride a bicycle at a calm pace with female instructors. Bicycles and helmets can be borrowed. April to September.",
        },
        "ar": {
            "title": "دورة ركوب الدراجة للنساء",
            "summary": "تعلّمي ركوب الدراجة بهدوء مع مدرّبات. يمكن استعارة الدراجات والخوذ. من أبريل إلى سبتمبر.",
        },
        "so": {
            "title": "Koorsada baaskiil wadidda ee haweenka",
            "summary": "Baro baaskiil wadidda si tartiib ah oo ay kula jiraan macallimiin haween ah. Baaskiillo iyo koofiyado ayaa la amaahan karaa. Abriil ilaa Sebtembar.",
        },
    },
    "demo-huddinge-1": {
        "en": {
            "title": "SFI courses A–D in Flemingsberg",
            "summary": "SFI on every study path in Flemingsberg, in the daytime and with the option of combining it with distance learning.",
            "description": "<p>Lessons in whole classes and small groups. You get an individual study plan and can combine SFI with a work placement or a job.</p>",
            "eligibility": "Registered in Huddinge, aged 16 or over.",
            "how_to_apply": "Apply in Huddinge municipality's e-service for adult education.",
            "schedule_note": "Continuous admission.",
            "cost_description": FREE["en"],
        },
        "ar": {
            "title": "دورات SFI من A إلى D في فليمينغسبيري",
            "summary": "دروس SFI في جميع المسارات الدراسية في فليمينغسبيري، نهارًا مع إمكانية الجمع بينها وبين الدراسة عن بُعد.",
            "description": "<p>دروس في صفوف كاملة وفي مجموعات صغيرة. تحصل على خطة دراسية فردية ويمكنك الجمع بين SFI والتدريب العملي أو العمل.</p>",
            "eligibility": "مسجّل في هودينغه، عمره 16 سنة أو أكثر.",
            "how_to_apply": "قدّم طلبك في الخدمة الإلكترونية لتعليم الكبار في بلدية هودينغه.",
            "schedule_note": "القبول مستمر طوال العام.",
            "cost_description": FREE["ar"],
        },
        "so": {
            "title": "Koorsooyinka SFI A–D ee Flemingsberg",
            "summary": "SFI dhammaan waddooyinka waxbarasho ee Flemingsberg, maalintii iyo suurtagalnimada in lagu daro waxbarasho fog.",
            "description": "<p>Casharro fasal dhan ah iyo kooxo yaryar. Waxaad helaysaa qorshe waxbarasho oo gaar ah waxaadna isku dari kartaa SFI iyo tababar shaqo ama shaqo.</p>",
            "eligibility": "Ka diiwaangashan Huddinge, 16 jir ama ka weyn.",
            "how_to_apply": "Ka codso adeegga elektarooniga ah ee waxbarashada dadka waaweyn ee degmada Huddinge.",
            "schedule_note": "Qaadashadu way socotaa had iyo jeer.",
            "cost_description": FREE["so"],
        },
    },
    "demo-huddinge-5": {
        "en": {
            "title": "Language café at the library",
            "summary": "Practise Swedish in conversation with volunteers over a cup of coffee. All levels, no need to sign up.",
            "description": "<p>The language café is run by Språkcafé Södertörn in the library's premises.</p>",
            "eligibility": "Everyone who wants to practise Swedish.",
            "cost_description": FREE["en"],
        },
        "ar": {
            "title": "مقهى اللغة في المكتبة",
            "summary": "تدرّب على السويدية في محادثات مع متطوعين على فنجان قهوة. لجميع المستويات، بلا تسجيل.",
            "description": "<p>تدير جمعية Språkcafé Södertörn مقهى اللغة في مقر المكتبة.</p>",
            "eligibility": "كل من يريد التدرّب على اللغة السويدية.",
            "cost_description": FREE["ar"],
        },
        "so": {
            "title": "Kafeega luqadda ee maktabadda",
            "summary": "Ku tababar iswiidhishka adoo la sheekaysanaya mutadawiciin koob qaxwo ah. Heer kasta, looma baahna is-diiwaangelin.",
            "description": "<p>Kafeega luqadda waxaa maamula Språkcafé Södertörn oo ku yaal xarunta maktabadda.</p>",
            "eligibility": "Qof kasta oo doonaya inuu ku tababarto iswiidhishka.",
            "cost_description": FREE["so"],
        },
    },
}

NEWS = {
    "ny-regional-strategi-antagen": {
        "en": {
            "title": "New regional strategy for establishment adopted",
            "lead": "The management group has adopted the strategy for 2027–2029, focusing on faster paths to work.",
            "paragraphs": [
                "The strategy builds on the joint analysis of the municipalities and the Public Employment Service.",
                "Three goals: a shorter time to supporting yourself, better language support and more paths to education.",
            ],
        },
        "ar": {
            "title": "اعتماد استراتيجية إقليمية جديدة للتأسيس",
            "lead": "اعتمدت مجموعة الإدارة استراتيجية الأعوام 2027–2029 مع التركيز على طرق أسرع إلى العمل.",
            "paragraphs": [
                "تستند الاستراتيجية إلى التحليل المشترك للبلديات ومصلحة التوظيف.",
                "ثلاثة أهداف: وقت أقصر حتى الاعتماد على الدخل الذاتي، ودعم لغوي أفضل، وطرق أكثر إلى التعليم.",
            ],
        },
        "so": {
            "title": "Istaraatiijiyad gobol oo cusub oo dejinta ah ayaa la ansixiyay",
            "lead": "Kooxda maamulka ayaa ansixisay istaraatiijiyadda 2027–2029 oo diiradda saaraysa waddooyin degdeg ah oo loo maro shaqada.",
            "paragraphs": [
                "Istaraatiijiyaddu waxay ku salaysan tahay falanqaynta wadajirka ah ee degmooyinka iyo Xafiiska Shaqada.",
                "Saddex hadaf: waqti ka gaaban oo lagu gaaro is-masruufid, taageero luqadeed oo ka wanaagsan iyo waddooyin badan oo waxbarasho.",
            ],
        },
    },
    "yrkessfi-vard-startar": {
        "en": {
            "title": "Vocational SFI in health care starts in Tumba",
            "lead": "A new combined training in Swedish and health and social care starts in January.",
            "paragraphs": [
                "The training takes participants from every municipality in Södertörn.",
                "You apply through your municipality's adult education.",
            ],
        },
        "ar": {
            "title": "انطلاق SFI المهني في مجال الرعاية في تومبا",
            "lead": "يبدأ في يناير تدريب جديد يجمع بين اللغة السويدية والرعاية الصحية والاجتماعية.",
            "paragraphs": [
                "يقبل التدريب مشاركين من جميع بلديات سودرتورن.",
                "يُقدَّم الطلب عبر تعليم الكبار في بلديتك.",
            ],
        },
        "so": {
            "title": "SFI xirfadeed oo daryeel ah ayaa ka bilaabanaya Tumba",
            "lead": "Tababar cusub oo isku daraya iswiidhish iyo daryeelka caafimaadka iyo bulshada ayaa bilaabanaya Janaayo.",
            "paragraphs": [
                "Tababarku wuxuu qaataa ka qaybgalayaal ka yimid dhammaan degmooyinka Södertörn.",
                "Codsiga waxaa lagu sameeyaa waxbarashada dadka waaweyn ee degmadaada.",
            ],
        },
    },
    "rekryteringstraff-haninge": {
        "en": {
            "title": "Recruitment meeting with twenty employers",
            "lead": "The Public Employment Service invited participants in the establishment programme to a recruitment meeting.",
            "paragraphs": [
                "More than 150 visitors met employers in construction, retail and care.",
            ],
        },
        "ar": {
            "title": "لقاء توظيف مع عشرين صاحب عمل",
            "lead": "دعت مصلحة التوظيف المشاركين في برنامج التأسيس إلى لقاء توظيف.",
            "paragraphs": [
                "التقى أكثر من 150 زائرًا بأصحاب عمل في مجالات البناء والتجارة والرعاية.",
            ],
        },
        "so": {
            "title": "Kulan shaqaalaysiin oo ay ka qaybgaleen labaatan loo-shaqeeye",
            "lead": "Xafiiska Shaqada ayaa ka qaybgalayaasha barnaamijka dejinta ku martiqaaday kulan shaqaalaysiin.",
            "paragraphs": [
                "In ka badan 150 booqde ayaa la kulmay loo-shaqeeyayaal ka shaqeeya dhismaha, ganacsiga iyo daryeelka.",
            ],
        },
    },
}

# Left outdated on purpose: the Swedish source changes after the translation.
OUTDATED = ("demo-botkyrka-1", "so")
OUTDATED_SOURCE_CHANGE = {
    "schedule_note": "Löpande antagning varje vecka från och med januari.",
}
