"""Serializer fields for the intervention's Wagtail API v2 fields."""

from rest_framework import serializers


class CategoryNameField(serializers.Field):
    def to_representation(self, category):
        return {"slug": category.slug, "name": category.name} if category else None


class LanguageCodesField(serializers.Field):
    def to_representation(self, languages):
        return [language.code for language in languages.all()]
