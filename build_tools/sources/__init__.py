"""``make sources``: is every quote still at its essay's original, and is there an
archived copy?

- :mod:`.fetch`: a polite HTTP client (one request per host per second, robots.txt,
  timeouts and retries) that follows redirects one by one and reads the page's text.
- :mod:`.check`: each essay's original and archived copy fetched, and each of its quotes
  looked for there, with the anchor stage's folding; the problems, in editors' words.
- :mod:`.archive`: the Wayback Machine's Save Page Now, for originals with no copy.
- :mod:`.status`: the status file, ``seeds/.sources-status.json`` (standard library only,
  so that whatever shows it to readers can read it).
- :mod:`.command`: ``python -m build_tools sources [--archive]``.

It reads the seeds through the load stage, and nothing of the build imports it.
"""
