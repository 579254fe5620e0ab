"""Admin URLs of two-factor login, under /admin/two-factor/."""

from django.urls import path

from cms.two_factor import views

urlpatterns = [
    path("", views.SetupView.as_view(), name="samverkan_two_factor_setup"),
    path("verify/", views.VerifyView.as_view(), name="samverkan_two_factor_verify"),
    path(
        "backup-codes/",
        views.backup_codes_view,
        name="samverkan_two_factor_backup_codes",
    ),
    path("disable/", views.disable_view, name="samverkan_two_factor_disable"),
    path(
        "reset/<int:user_id>/",
        views.ResetView.as_view(),
        name="samverkan_two_factor_reset",
    ),
]
