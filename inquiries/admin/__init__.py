"""The coordinators' screens: inquiry.py (the requests' list and a request's page), with
filters.py (the list's filters) and triage.py (the quick actions and the call log on a
request's page); access_recording.py records each look at them, access_log.py shows the
record to privacy officers. Importing them registers them with the admin site."""

from . import access_log, access_recording, inquiry

__all__ = ["access_log", "access_recording", "inquiry"]
