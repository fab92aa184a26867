"""The HTML pages for learners, their templates' environment and the htmx details."""
