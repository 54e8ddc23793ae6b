"""Password hashing: Argon2id with OWASP's current minimum (m=19 MiB, t=2, p=1).

Django's own ``Argon2PasswordHasher`` already uses Argon2id; its defaults (100 MiB, 8 lanes) cost far
more than OWASP's recommendation on a small server. Hashes carry their parameters, so raising them
later only needs new numbers here: Django re-hashes on the next successful login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2idHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # same prefix: hashes stay readable by Django's stock hasher
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
