"""`adrmeta serve`: OAI-PMH 2.0, Hydra-paged DCAT, the HDR UK Gateway pull API and the static
site, all rendered from the records once at start-up and answered from memory (`app.App`), on
gunicorn (`server.run`)."""
