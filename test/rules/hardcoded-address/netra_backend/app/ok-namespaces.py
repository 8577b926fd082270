SVG_NS = "http://www.w3.org/2000/svg"
VERSION = "1.2.3"
GREETING = f"http://{host}/x"
