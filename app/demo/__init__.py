"""Demo data: an engagement a new user can walk through (``flask demo load``), and a city series
at real size for measuring (``--size large``). Built through the services, like real data."""
