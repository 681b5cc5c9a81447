"""The shared web kernel: what both APIs need (problems, authorization, principals, inputs).

It imports only the domain (`command_api.domain`), never a side or the composition root."""
