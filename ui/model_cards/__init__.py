"""The Models page's parts: the sparse code's section (is it sparse?) and the short glossary of the
key terms in English and Russian."""
