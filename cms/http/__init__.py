"""HTTP concerns shared by every app: who the client is and how often it
may ask (see /docs/operations/security.md)."""
