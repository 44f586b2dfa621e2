// A real OpenID Connect provider for the sign-in tests (panva's oidc-provider, its development login form):
//   node oidc_provider.mjs PORT REDIRECT_URI CLIENT_ID CLIENT_SECRET
// Any login name signs in; its email is the name itself when it holds an '@', else name@example.go.th.
import Provider from 'oidc-provider';

const [port, redirectUri, clientId, clientSecret] = process.argv.slice(2);
const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { methods: ['S256'], required: () => true },
  features: { devInteractions: { enabled: true } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'] },
  cookies: { keys: ['only-for-tests'] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const email = id.includes('@') ? id : `${id}@example.go.th`;
        return { sub: id, email, email_verified: true, preferred_username: id.split('@')[0] };
      },
    };
  },
});
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
