"""The OpenID Connect provider (gBizID compatible): relying parties log businesses in through it.

Built on django-oauth-toolkit. The issuer is ``<base>/oauth/``; a relying party written for gBizID
works against Madoguchi by changing only the host (docs/architecture.md, "OpenID Connect provider").
"""
