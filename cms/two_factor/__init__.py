"""Two-factor login to the Wagtail admin: a TOTP authenticator app (django-otp)
plus single-use backup codes.

- policy.py: who must use it (SAMVERKAN_TWO_FACTOR["REQUIRED_FOR"]) and who
  may reset whose;
- services.py: set-up, verification, backup codes, reset;
- middleware.py: a signed-in session that still owes its code reaches no
  page but the code form (or, when required, the set-up page);
- views.py, forms.py, urls.py: the admin pages (registered in
  cms/wagtail_hooks.py under /admin/two-factor/).
"""
