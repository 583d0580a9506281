"""Reporting: the study's tables in, comparisons, cited narratives and figures out.

``compare`` gathers the tables a page needs (:class:`StudyTables`) and ranks places;
``narrative`` writes profiles and comparisons whose every number is cited; ``figures`` draws them.
"""
