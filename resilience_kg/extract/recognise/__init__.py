"""Recognisers: what a report says, found in its text. Actors and named units, persons and their
posts, roles in the event, the event itself and its date, enumerated issues and solutions,
agreements; each rule table (``extract/rules/*.csv``) is read by :mod:`.rules`."""
