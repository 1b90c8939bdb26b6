/**
 * The local try-out page: Microsoft's Web Chat 4.18.1 (its browser bundle, vendored in
 * bot/local/vendor/ and served by this server, no CDN) talking to this server's own Direct Line endpoint. `?lang=en` chats in English.
 */
export function chatPageHtml(): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ketenbot – lokaal uitproberen</title>
<style>
  html, body { height: 100%; margin: 0; font-family: "Segoe UI", system-ui, sans-serif; background: #f3f5f6; }
  body { display: flex; flex-direction: column; }
  header { background: #0f6e7a; color: #fff; padding: 12px 20px; display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; }
  header h1 { font-size: 20px; margin: 0; }
  header p { margin: 0; opacity: .9; font-size: 14px; }
  header a { color: #fff; }
  main { flex: 1; display: flex; justify-content: center; min-height: 0; }
  #webchat { width: 100%; max-width: 860px; background: #fff; box-shadow: 0 0 8px rgba(0,0,0,.08); }
  #error { display: none; padding: 16px; color: #a4262c; }
</style>
</head>
<body>
<header>
  <h1>Ketenbot</h1>
  <p id="intro">Lokaal uitproberen, zonder Teams- of Slack-account. Typ <b>help</b>.</p>
  <p><a id="switch" href="?lang=en">English</a></p>
</header>
<main><div id="webchat" role="main"></div><div id="error"></div></main>
<script src="/webchat/webchat.js"></script>
<script>
(async () => {
  const english = new URLSearchParams(location.search).get('lang') === 'en';
  if (english) {
    document.documentElement.lang = 'en';
    document.getElementById('intro').innerHTML = 'Try it out locally, without a Teams or Slack account. Type <b>help</b>.';
    const link = document.getElementById('switch'); link.textContent = 'Nederlands'; link.href = '?lang=nl';
  }
  try {
    const response = await fetch('/local/session', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: localStorage.getItem('ketenbot.userId') || '', locale: english ? 'en-US' : 'nl-NL' }) });
    if (!response.ok) throw new Error('session: HTTP ' + response.status);
    const session = await response.json();
    localStorage.setItem('ketenbot.userId', session.userId);
    const directLine = window.WebChat.createDirectLine({ token: session.token, domain: location.origin + '/v3/directline', webSocket: false, pollingInterval: 400 });
    window.WebChat.renderWebChat({ directLine, userID: session.userId, username: 'U', locale: english ? 'en-US' : 'nl-NL',
      styleOptions: { accent: '#0f6e7a', botAvatarInitials: 'KB', userAvatarInitials: 'U', hideUploadButton: false } },
      document.getElementById('webchat'));
    document.querySelector('#webchat input, #webchat textarea')?.focus();
  } catch (error) {
    const box = document.getElementById('error'); box.style.display = 'block';
    box.textContent = (english ? 'Could not start the chat: ' : 'De chat kon niet starten: ') + error.message;
  }
})();
</script>
</body>
</html>`;
}
