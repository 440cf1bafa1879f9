import { useT } from '../ui/context.ts';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

export function OutOfServiceScreen() {
  const t = useT();
  return <ScreenLayout name="outOfService" title={t('oos.title')} intro={t('oos.body')} />;
}
