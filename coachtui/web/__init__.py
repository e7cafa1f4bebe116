"""`coachtui serve`'s web side: the room (an aiohttp server over textual-serve's app runner), the
page it serves, and the temporary homes of its sessions. Imported only when a server starts."""
