"""Business identity (the gBizID equivalent): organisations, accounts, verification, MFA, OpenID Connect."""
