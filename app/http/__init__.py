"""HTTP plumbing: caching, compression, the render cache, CORS, security headers, logs, problems, health."""
