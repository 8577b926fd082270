"""Names that JavaScript objects inherit (toString, constructor, valueOf) are not env APIs.

`from os import toString` once made the front end throw, and `os.constructor` in a file
mentioning env was taken for an environment access.
"""
import os
from os import toString

environment_label = "env"
x = toString
y = os.constructor
z = os.valueOf()
