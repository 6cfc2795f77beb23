// Every function Apps Script can call: the manifest's triggers and the cards' actions. Each is
// a top-level function in the bundle (addon/build.mjs checks), and each only adapts: the event
// goes to a handler, the handler's card JSON goes through the CardService adapter.
export function onHomepage(): void {}
