"""Forms, panels and widgets of the content that editors write."""
