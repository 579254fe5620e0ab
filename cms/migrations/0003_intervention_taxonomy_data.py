from django.db import migrations

CATEGORIES = [
    ("sfi", "SFI"),
    ("yrkes-sfi", "Yrkes-SFI"),
    ("samhallsorientering", "Samhällsorientering"),
    ("arbete", "Arbetspraktik och arbetsmarknadsinsatser"),
    ("validering", "Validering"),
    ("halsa", "Hälsa"),
    ("bostad", "Bostad och bosättning"),
    ("barn-och-unga", "Barn och unga"),
    ("ensamkommande", "Ensamkommande"),
    ("foraldraskap", "Föräldraskap"),
    ("sprak-och-motesplatser", "Språk och mötesplatser"),
    ("ovrigt", "Övrigt"),
]

# ISO 639-1 codes, or ISO 639-3 where a language has none (Dari, sign language).
LANGUAGES = [
    ("sv", "Svenska", "Svenska"),
    ("en", "Engelska", "English"),
    ("ar", "Arabiska", "العربية"),
    ("fa", "Persiska", "فارسی"),
    ("prs", "Dari", "دری"),
    ("ps", "Pashto", "پښتو"),
    ("so", "Somaliska", "Soomaali"),
    ("ti", "Tigrinja", "ትግርኛ"),
    ("am", "Amhariska", "አማርኛ"),
    ("om", "Oromo", "Afaan Oromoo"),
    ("uk", "Ukrainska", "Українська"),
    ("ru", "Ryska", "Русский"),
    ("ku", "Kurdiska", "Kurdî"),
    ("tr", "Turkiska", "Türkçe"),
    ("bs", "Bosniska", "Bosanski"),
    ("sr", "Serbiska", "Српски"),
    ("hr", "Kroatiska", "Hrvatski"),
    ("sq", "Albanska", "Shqip"),
    ("pl", "Polska", "Polski"),
    ("ro", "Rumänska", "Română"),
    ("es", "Spanska", "Español"),
    ("fr", "Franska", "Français"),
    ("de", "Tyska", "Deutsch"),
    ("fi", "Finska", "Suomi"),
    ("el", "Grekiska", "Ελληνικά"),
    ("th", "Thailändska", "ไทย"),
    ("vi", "Vietnamesiska", "Tiếng Việt"),
    ("zh", "Kinesiska", "中文"),
    ("ur", "Urdu", "اردو"),
    ("hi", "Hindi", "हिन्दी"),
    ("bn", "Bengali", "বাংলা"),
    ("ta", "Tamil", "தமிழ்"),
    ("ne", "Nepali", "नेपाली"),
    ("my", "Burmesiska", "မြန်မာ"),
    ("mn", "Mongoliska", "Монгол"),
    ("uz", "Uzbekiska", "Oʻzbekcha"),
    ("sw", "Swahili", "Kiswahili"),
    ("swl", "Svenskt teckenspråk", "Svenskt teckenspråk"),
]


def load(apps, schema_editor):
    Category = apps.get_model("samverkan_cms", "InterventionCategory")
    Language = apps.get_model("samverkan_cms", "Language")
    for order, (slug, name) in enumerate(CATEGORIES):
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    for code, name, native in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name, "native_name": native})


class Migration(migrations.Migration):
    dependencies = [("samverkan_cms", "0002_interventions")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
