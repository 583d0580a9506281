"""Text: a corpus in, tokens, key terms, topics, emphasis measures and similarity out.

The dictionary of the corpus under study (``dictionary``), a tokenizer per dictionary and the
token cache (``tokens``), what comparisons count (``vocabulary``: place names and debris out),
key terms against reports of the same year and type (``keyness``), LDA topic models with K by a
stated rule (``topics``), word-list emphasis and commitment measures (``emphasis``) and TF-IDF
similarity between reports (``similarity``).
"""
