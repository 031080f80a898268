"""A tiny HTTP service: GET /health and GET /greeting."""
