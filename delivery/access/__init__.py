"""Who is calling the partner endpoints (API keys), how often they may
(rate limits), from where (CORS), and how much they do (usage counters)."""
