"""Content in newcomers' languages: translations of pages and their rules
(rights, reads, the outdated mark, the admin's translation views)."""
