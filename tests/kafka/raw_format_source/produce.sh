printf 'GET /index.html 200\nPOST /login 401\n{"not":"json"}\n' | $KCAT_PRODUCE -t logs -p 0
