"""One module of use cases per area (events, registrations, accounts), on the write model's core
(`command_api.write_model`). A use case that loads what it acts on authorizes there: it takes the
caller's `Principal` and calls `kernel.authz.require` on the loaded aggregates."""
