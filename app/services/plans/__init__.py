"""Monitored action plans: structure, measures, reviews, SMART checks, import and export, the
public tracker, and links from themes to any level of a plan."""
