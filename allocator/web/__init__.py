"""``genhus serve``: the whole workflow in the browser, for coordinators who do not open a terminal.

The pages call the same library functions as the command line (``allocator.read``, ``allocator.rounds``,
``allocator.pipeline``, ``allocator.letters``, ``allocator.scenario`` and ``allocator.compare``), so the
independent checker judges every result, and a rejected allocation is shown as an error and never offered for
download.

Modules, one per concern:

- ``app``: the Starlette application and its routes;
- ``security``: the access token, the CSRF token, which hosts count as this machine;
- ``uploads``: size limit and content sniffing of uploaded files (xlsx, csv), and where they are stored;
- ``sessions``: one private temporary folder per browser session, deleted at its end or the server's stop;
- ``jobs``: what a run does (check the files, allocate, next round, scenarios) with the library functions;
- ``worker``: runs a job in a thread, one at a time per session, so a second click starts nothing;
- ``views``: what a page shows of a result (figures, the offers table, one household);
- ``charts``: small SVG bar charts, drawn on the server;
- ``words``: every word on the pages, Danish and English;
- ``server``: starting uvicorn, refusing a non-loopback host without a token, opening the browser.
"""
