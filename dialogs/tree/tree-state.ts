/** One answer on the way, so "back" can undo exactly what it set. */
export interface TreeAnswer {
  node: string;
  label: string;
  applicationId?: string;
  organisationId?: string;
}

/** A run through the tree, as the conversation stores it between messages. */
export interface TreeState {
  run: string;
  /** The tree version the run started on; it finishes on it even if a new one is published. */
  version: string;
  node: string;
  history: string[];
  answers: TreeAnswer[];
  /** The user's own organisation, once known. */
  organisationId?: string;
  /** Waiting for the user to say which organisation they work for. */
  askingOrganisation?: boolean;
}

export const ORGANISATION_STEP = '__organisation';
export const UNKNOWN = '__unknown';

export function forward(state: TreeState, next: string, answer: TreeAnswer): TreeState {
  return { ...state, node: next, history: [...state.history, state.node], answers: [...state.answers, answer] };
}

export function back(state: TreeState): TreeState {
  if (!state.history.length) return state;
  return { ...state, node: state.history.at(-1)!, history: state.history.slice(0, -1), answers: state.answers.slice(0, -1) };
}

export function restart(state: TreeState, root: string): TreeState {
  return { ...state, node: root, history: [], answers: [] };
}

/** The application and other organisation chosen on the way (the latest answer that set one). */
export const chosenApplication = (state: TreeState) => [...state.answers].reverse().find((a) => a.applicationId)?.applicationId;
export const chosenOrganisation = (state: TreeState) => [...state.answers].reverse().find((a) => a.organisationId)?.organisationId;
