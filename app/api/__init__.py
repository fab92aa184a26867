"""The JSON API under /api/v1: content, scenarios and simulations, calculators, search."""
