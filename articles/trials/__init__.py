"""Clinical trials a patient can join, from ClinicalTrials.gov (its API v2): the client
(client.py), the refresh of a page's trials (services.py) and the nightly task (tasks.py).
The models are in articles/models/trials.py."""
