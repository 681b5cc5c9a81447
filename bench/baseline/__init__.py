"""A plain CRUD implementation of guest registration, for comparison (see app.py)."""
