export const ws = 'wss://api.netra.example.net/ws';
export const ns = 'http://www.w3.org/1999/xhtml';
