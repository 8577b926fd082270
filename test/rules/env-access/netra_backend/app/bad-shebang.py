#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""A script-like module: the import goes below the shebang, coding line and docstring."""
import os

print(os.getenv("USER"))
