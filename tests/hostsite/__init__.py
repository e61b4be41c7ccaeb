"""A second host site for the browser tests, unlike the example site: its own base template with
a ``careers_head`` block and no ``extra_css``, a dark theme, a container layout and a strict
Content-Security-Policy (``tests.hostsite.middleware``)."""
