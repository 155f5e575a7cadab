import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { makeI18n } from './i18n'
import { router } from './router'
import './styles.css'

createApp(App).use(createPinia()).use(makeI18n()).use(router).mount('#app')
