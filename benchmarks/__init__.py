"""`make bench`: the timing figures the issues ask for, measured on this machine."""
