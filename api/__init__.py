"""The HTTP and WebSocket surface: app factory, middleware, error envelope, routers per domain."""
