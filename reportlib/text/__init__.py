"""Text: a corpus in, tokens, key terms and topics out.

The study's dictionary and tokenizer (``tokens``), key terms by G² and log ratio (``keyness``)
and LDA topic models with K chosen by a stated rule (``topics``).
"""
