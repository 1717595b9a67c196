"""`jdgen serve`: the studio, a local web page where HR drafts, checks, compares and
downloads postings. Everything it does goes through `service.Service` and the checker's
own engine; a draft is shaped exactly like a posting file, so what the studio saves,
`jdgen build` and `jdgen batch` read.
"""
