"""Text: a corpus in, tokens, key terms, topics, emphasis measures and similarity out.

The dictionary of the corpus under study (``dictionary``), a tokenizer per dictionary and the
token cache (``tokens``), what comparisons count (``vocabulary``: place names and debris out),
key terms of each place (any level), type and year against reports of the same year, type
and level (``keyness``), LDA topic models with K by a stated rule and topic shares per place
(``topics``), word-list emphasis and commitment measures (``emphasis``) and TF-IDF similarity
between reports (``similarity``).
"""
