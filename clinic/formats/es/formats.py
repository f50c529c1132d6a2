# Spanish as the clinic's patients read it (the United States, Mexico): 2,000.5, where
# Django's "es" (Spain) writes 2.000,5, which a reader used to the other convention takes
# for two. Everything else (dates: 5 de marzo de 2025) is Django's "es".
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
