export * from './follow-up-vocabulary';
export * from './stalker-guard';
export * from './working-calendar';
export * from './follow-up-policy';
export * from './engine';
export * from './remembered-zone';
