export function App() {
  return (
    <main>
      <h1>Switchboard</h1>
      <p>The chat client is on its way. The API is served at /api/trpc.</p>
    </main>
  );
}
