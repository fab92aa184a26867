"""The Docker ↔ Kubernetes concept explorer."""
