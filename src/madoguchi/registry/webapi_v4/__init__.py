"""The NTA 法人番号システム Web-API Ver.4, served from our registry: a client changes only its host.

``params`` reads and checks the query, ``selectors`` reads one page, ``render`` writes CSV (Shift-JIS or
UTF-8) or XML, ``errors`` holds the numeric error codes, ``views`` ties them together. Each module's docstring
says what was established about the original and what was assumed.
"""
