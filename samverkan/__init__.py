"""Samverkan's composition root: what a host project puts in its settings
(samverkan.settings) and its root URLconf (samverkan.urls) to install the
apps `cms`, `delivery`, `newsletter`, `sync` and `web` (docs/operations/install.md)."""
