// The English messages as one lazy chunk (loaded only when someone switches to English).
import { mergeFeatureFiles, type Messages } from './merge';

export default mergeFeatureFiles(
  import.meta.glob<{ default: Messages }>('./locales/en/*.json', { eager: true }),
);
