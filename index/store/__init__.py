"""Storage: the library (one JSON file per article), durable writes and the
write lock, where the home is, and the processes the engine starts."""
